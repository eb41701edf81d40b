# clean: ANY-FAILURE-MARKED-DONE
class DeliverStatementJob < ApplicationJob
  queue_as :mailers
  retry_on Net::SMTPServerBusy, wait: 5.minutes, attempts: 6

  def perform(statement_id)
    statement = Statement.find(statement_id)
    StatementMailer.monthly(statement).deliver_now
    statement.update!(sent_at: Time.current)
  rescue Net::SMTPFatalError => e
    statement.update!(delivery_error: e.message, failed_at: Time.current)
  end
end
