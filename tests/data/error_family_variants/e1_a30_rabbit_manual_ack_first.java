// want: ANY-ACK-BEFORE-PROCESS
package com.acme.billing.messaging;

@Component
public class InvoiceListener {

    private final InvoiceService invoices;

    public InvoiceListener(InvoiceService invoices) {
        this.invoices = invoices;
    }

    @RabbitListener(queues = "invoices", ackMode = "MANUAL")
    public void onInvoice(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        channel.basicAck(tag, false);
        InvoiceEvent event = mapper.readValue(message.getBody(), InvoiceEvent.class);
        invoices.post(event);
    }
}
