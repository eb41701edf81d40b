# Rails controller fixture: request values parsed with and without a rescue.
class UsageController < ApplicationController
  def index
    from = Date.parse(params[:from]) # expect: RB-REQUEST-PARSE-UNGUARDED
    limit = Integer(params[:limit], exception: false) || 100
    render json: Usage.since(from).limit(limit)
  end

  def import
    rows = JSON.parse(request.raw_post)
    Usage.import(rows)
    head :accepted
  rescue JSON::ParserError
    head :bad_request
  end
end
