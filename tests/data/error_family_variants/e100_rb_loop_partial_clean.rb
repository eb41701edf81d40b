# clean: ANY-FAILURE-MARKED-DONE
class ImportRunner
  def initialize(import)
    @import = import
  end

  def call
    failures = []
    CSV.parse(@import.file.download, headers: true).each do |row|
      Customer.upsert({ email: row["email"], name: row["name"] }, unique_by: :email)
    rescue ActiveRecord::ActiveRecordError => e
      failures << { email: row["email"], error: e.message }
      next
    end
    @import.update!(status: failures.empty? ? :completed : :completed_with_errors,
                    row_errors: failures, finished_at: Time.current)
  end
end
