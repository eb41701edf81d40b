// clean: JAVA-ASYNC-FUTURE-DROPPED (a listener invoked with a value, not a future chain)
package com.acme.upload;

public class UploadTask implements Runnable {
    private final UploadListener listener;
    private final Storage storage;
    private final Blob blob;

    public UploadTask(UploadListener listener, Storage storage, Blob blob) {
        this.listener = listener;
        this.storage = storage;
        this.blob = blob;
    }

    @Override
    public void run() {
        try {
            String url = storage.put(blob);
            listener.onSuccess(url);
        } catch (IOException e) {
            listener.onFailure(e);
        }
    }
}
