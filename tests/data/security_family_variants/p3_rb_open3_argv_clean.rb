# clean: RB-SHELL-INTERPOLATION
require "open3"

class PdfTextExtractor
  def call(path, first_page: 1)
    stdout, stderr, status = Open3.capture3("pdftotext", "-f", first_page.to_i.to_s, "-layout", path.to_s, "-")
    raise "pdftotext failed: #{stderr}" unless status.success?

    stdout
  end
end
