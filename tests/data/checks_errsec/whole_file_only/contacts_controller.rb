# A private helper that rescues into false: one action drops its answer, the others read or return it.
class ContactsController < ApplicationController
  def create
    @contact = Contact.new(contact_params)
    @contact.save!
    push_to_crm # expect: RB-FAILURE-RESULT-IGNORED
    redirect_to @contact, notice: "Saved"
  end

  def update
    @contact.update!(contact_params)
    head :conflict and return unless push_to_crm
    head :ok
  end

  def resync
    push_to_crm
  end

  private

  def push_to_crm
    Crm.upsert(@contact.to_crm)
    true
  rescue Crm::Error => e
    Rails.logger.warn("crm push failed: #{e.message}")
    false
  end
end
