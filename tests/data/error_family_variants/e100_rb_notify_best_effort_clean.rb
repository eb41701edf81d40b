# clean: RB-JOB-FAILURE-SWALLOWED
class CloseTicketJob
  include Sidekiq::Job

  def perform(ticket_id)
    ticket = Ticket.find(ticket_id)
    ticket.close!
    begin
      SlackNotifier.ping("Ticket ##{ticket.id} closed")
    rescue Slack::Web::Api::Errors::SlackError => e
      Rails.logger.info("slack ping skipped: #{e.message}")
    end
  end
end
