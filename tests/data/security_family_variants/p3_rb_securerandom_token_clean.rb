# clean: RB-INSECURE-RANDOM
class InvitationsController < ApplicationController
  def create
    invitation = current_team.invitations.create!(
      email: params.require(:email),
      token: SecureRandom.urlsafe_base64(32),
      code: format("%06d", SecureRandom.random_number(1_000_000)),
      expires_at: 72.hours.from_now
    )
    InvitationMailer.with(invitation: invitation).invite.deliver_later(wait: rand(1..5).seconds)
    render json: { id: invitation.id }, status: :created
  end
end
