// want: JAVA-LOCK-HELD
package com.acme.render;

@Service
public class PdfRenderer {
    private final Semaphore permits = new Semaphore(4);

    public byte[] render(Document doc) throws InterruptedException {
        permits.acquire();
        byte[] pdf = engine.render(doc);
        permits.release();
        return pdf;
    }
}
