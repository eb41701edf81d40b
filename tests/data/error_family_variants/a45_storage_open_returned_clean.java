// clean: JAVA-RESOURCE-LEAK
package com.acme.export;

public class BlobStore {
    public InputStream read(String key) throws IOException {
        InputStream in = bucket.open(key);
        metrics.increment("blob.read");
        return in;
    }
}
