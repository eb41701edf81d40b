# clean: RB-CODE-INJECTION
class ImportsController < ApplicationController
  IMPORTERS = {
    "csv" => Importers::CsvImporter,
    "xlsx" => Importers::XlsxImporter,
    "json" => Importers::JsonImporter
  }.freeze

  def create
    importer = IMPORTERS.fetch(params[:format_kind]) { return head(:unprocessable_entity) }
    result = importer.new(current_account, params.require(:file)).call
    render json: { imported: result.count }
  end
end
