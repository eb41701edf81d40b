# want: PY-TEMPFILE-LEAKED-ON-ERROR
import shutil
import tempfile


def build_bundle(site, storage):
    workdir = tempfile.mkdtemp(prefix="bundle-")
    render_site(site, workdir)
    archive = shutil.make_archive(f"{workdir}/site", "zip", workdir)
    storage.upload(archive, key=f"bundles/{site.id}.zip")
    shutil.rmtree(workdir)
