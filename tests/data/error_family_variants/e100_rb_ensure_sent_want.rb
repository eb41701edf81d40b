# want: ANY-FAILURE-MARKED-DONE
class DeliverStatementJob < ApplicationJob
  queue_as :mailers

  def perform(statement_id)
    statement = Statement.find(statement_id)
    begin
      StatementMailer.monthly(statement).deliver_now
    rescue Net::SMTPFatalError, Net::SMTPServerBusy => e
      Rails.logger.warn("statement #{statement.id} mail failed: #{e.message}")
    ensure
      statement.update!(sent_at: Time.current)
    end
  end
end
