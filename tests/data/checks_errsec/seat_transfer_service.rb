# frozen_string_literal: true

class SeatTransferService
  def initialize(from_team, to_team, seats)
    @from_team = from_team
    @to_team = to_team
    @seats = seats
  end

  def call
    @from_team.update!(seats: @from_team.seats - @seats) # expect: RB-WRITES-NO-TX
    @to_team.update!(seats: @to_team.seats + @seats)
  end

  def call_atomically
    Team.transaction do
      @from_team.update!(seats: @from_team.seats - @seats)
      @to_team.update!(seats: @to_team.seats + @seats)
    end
  end

  def audit_and_rename(name)
    AuditEntry.create!(team: @to_team, note: "renamed")
    @to_team.update!(name: name)
  end
end
