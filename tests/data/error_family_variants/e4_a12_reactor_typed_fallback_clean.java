// clean: JAVA-REACTIVE-ERROR-DROPPED (only the duplicate-key failure of an idempotent insert is absorbed)
package com.acme.inbox;

@Service
public class InboxService {
    private final ProcessedMessageRepository processed;

    public InboxService(ProcessedMessageRepository processed) {
        this.processed = processed;
    }

    public Mono<Void> remember(String messageId) {
        return processed.save(new ProcessedMessage(messageId))
                .onErrorResume(DuplicateKeyException.class, e -> Mono.empty())
                .then();
    }
}
