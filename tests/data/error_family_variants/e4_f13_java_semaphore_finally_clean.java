// clean: JAVA-LOCK-HELD (the permit is released in finally)
package com.acme.render;

@Service
public class PdfRenderer {
    private final Semaphore permits = new Semaphore(4);

    public byte[] render(Document doc) throws InterruptedException {
        permits.acquire();
        try {
            return engine.render(doc);
        } finally {
            permits.release();
        }
    }
}
