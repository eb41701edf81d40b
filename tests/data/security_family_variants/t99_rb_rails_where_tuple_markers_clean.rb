# clean: RB-SQL-INTERPOLATION
class CustomersController < ApplicationController
  before_action :authenticate_user!

  def index
    filters = params.fetch(:metadata, {}).to_unsafe_h.to_a
    scope = current_organization.customers
    if filters.any?
      tuples = filters.map { "(?, ?)" }.join(", ")
      scope = scope.where("(key, value) IN (#{tuples})", *filters.flatten)
    end
    render json: scope.limit(100)
  end
end
