# want: RB-RESCUE-MODIFIER
class Geocoder
  def coords(address)
    resp = HTTParty.get("https://geo.example.com/q", query: { a: address }, timeout: 5) rescue nil
    resp&.parsed_response&.dig("coords")
  end
end
