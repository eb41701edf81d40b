# clean: RB-RESCUE-MODIFIER
class Settings
  def timeout_seconds
    Integer(ENV["TIMEOUT"]) rescue 30
  end
end
