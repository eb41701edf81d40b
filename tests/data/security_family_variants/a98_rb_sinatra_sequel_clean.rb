# clean: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/routes/tickets.rb
class TicketRoutes < Sinatra::Base
  before { halt 401 unless current_user }

  get "/tickets" do
    json Ticket.where(requester_id: current_user.id).all.map(&:to_h)
  end

  post "/tickets/:id/close" do
    ticket = Ticket.where(id: params[:id], requester_id: current_user.id).first || halt(404)
    ticket.update(status: "closed", closed_by: current_user.id)
    json ticket.to_h
  end
end
