# want: RB-FILE-LEAKED-ON-RETURN
class PriceImporter
  def call(path)
    file = File.open(path)
    header = file.gets
    return 0 if header.nil? || !header.include?("sku")

    count = 0
    file.each_line do |line|
      sku, amount = line.chomp.split(",")
      Price.upsert({ sku: sku, amount: amount }, unique_by: :sku)
      count += 1
    end
    file.close
    count
  end
end
