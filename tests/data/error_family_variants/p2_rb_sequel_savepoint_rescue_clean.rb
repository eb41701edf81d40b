# clean: RB-RESCUE-IN-TRANSACTION
class TagService
  def attach(item_id, names)
    DB.transaction do
      names.each do |name|
        begin
          DB.transaction(savepoint: true) do
            DB[:item_tags].insert(item_id: item_id, name: name)
          end
        rescue Sequel::UniqueConstraintViolation
          next
        end
      end
      DB[:items].where(id: item_id).update(tags_updated_at: Sequel::CURRENT_TIMESTAMP)
    end
  end
end
