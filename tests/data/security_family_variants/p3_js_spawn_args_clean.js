// clean: JS-SHELL-INJECTION
const { spawn } = require("node:child_process");

function renderPdf(htmlPath, pdfPath, pageSize) {
  return new Promise((resolve, reject) => {
    const args = ["--page-size", pageSize === "Letter" ? "Letter" : "A4", "--quiet", htmlPath, pdfPath];
    const child = spawn("wkhtmltopdf", args, { stdio: "ignore" });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(pdfPath) : reject(new Error(`wkhtmltopdf exited ${code}`))));
  });
}

module.exports = { renderPdf };
