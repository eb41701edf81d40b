// want: JAVA-RESOURCE-LEAK
package com.acme.files;

public class Checksums {
    public String sha256(Path p) throws IOException, NoSuchAlgorithmException {
        InputStream in = Files.newInputStream(p);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
        }
        in.close();
        return HexFormat.of().formatHex(md.digest());
    }
}
