# want: ANY-FAILURE-MARKED-DONE
class ImportRunner
  def initialize(import)
    @import = import
  end

  def call
    CSV.parse(@import.file.download, headers: true).each do |row|
      Customer.upsert({ email: row["email"], name: row["name"] }, unique_by: :email)
    rescue ActiveRecord::ActiveRecordError => e
      Rails.logger.info("skip row #{row['email']}: #{e.message}")
      next
    end
    @import.update!(status: :completed, finished_at: Time.current)
  end
end
