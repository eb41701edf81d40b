# clean: RB-FILE-LEAKED-ON-RETURN (File.open with a block closes the file)
class PriceImporter
  def call(path)
    File.open(path) do |file|
      header = file.gets
      return 0 if header.nil? || !header.include?("sku")

      count = 0
      file.each_line do |line|
        sku, amount = line.chomp.split(",")
        Price.upsert({ sku: sku, amount: amount }, unique_by: :sku)
        count += 1
      end
      count
    end
  end
end
