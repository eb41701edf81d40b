# want: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/api/v1/documents.rb
module V1
  class Documents < Grape::API
    before { authenticate! }

    resource :documents do
      route_param :id do
        get do
          present current_user.documents.find(params[:id]), with: Entities::Document
        end

        delete do
          Document.find(params[:id]).destroy!
          status 204
        end
      end
    end
  end
end
