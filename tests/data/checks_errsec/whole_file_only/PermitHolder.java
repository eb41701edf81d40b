package com.acme.render;

import java.util.concurrent.Semaphore;

public class PermitHolder {
    private final Semaphore permits = new Semaphore(4);
    private final Engine engine;

    public PermitHolder(Engine engine) {
        this.engine = engine;
    }

    public byte[] leaky(Document doc) throws InterruptedException {
        permits.acquire(); // expect: JAVA-LOCK-HELD
        byte[] pdf = engine.render(doc);
        permits.release();
        return pdf;
    }

    public byte[] guarded(Document doc) throws InterruptedException {
        permits.acquire();
        try {
            return engine.render(doc);
        } finally {
            permits.release();
        }
    }

    public void handedOn() throws InterruptedException {
        permits.acquire();
        engine.submit(permits::release);
    }
}
