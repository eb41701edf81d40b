# want: PY-TEMPFILE-LEAKED-ON-ERROR
import os
import tempfile


def render_pdf(invoice, storage):
    tmp = tempfile.NamedTemporaryFile(suffix=".pdf", delete=False)
    render_to(tmp.name, invoice)
    storage.upload(tmp.name, key=f"invoices/{invoice.id}.pdf")
    os.unlink(tmp.name)
