class Receipt < ApplicationRecord
  belongs_to :order

  after_create :send_copy # expect: RB-JOB-BEFORE-COMMIT
  after_create_commit :index_later

  def send_copy
    ReceiptMailer.copy(self).deliver_later
  end

  def index_later
    SearchIndexJob.perform_later(self)
  end

  def self.issue!(order)
    transaction do
      receipt = create!(order: order, total_cents: order.total_cents)
      RenderPdfJob.perform_later(receipt.id) # expect: RB-JOB-BEFORE-COMMIT
      receipt
    end
  end
end
