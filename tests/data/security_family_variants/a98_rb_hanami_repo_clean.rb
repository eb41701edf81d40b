# clean: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/actions/bookings/cancel.rb
module Travel
  module Actions
    module Bookings
      class Cancel < Travel::Action
        include Deps["repos.booking_repo"]

        def handle(request, response)
          user = request.env["warden"].user
          booking = booking_repo.get_for_traveller(request.params[:id], traveller_id: user.id)
          halt 404 unless booking
          booking_repo.cancel(booking.id, cancelled_by: user.id)
          response.status = 204
        end
      end
    end
  end
end
