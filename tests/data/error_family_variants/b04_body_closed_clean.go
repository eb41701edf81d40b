// clean: GO-HTTP-BODY-UNCLOSED
package svc

func (n *Notifier) Send(ctx context.Context, payload []byte) error {
	resp, err := n.client.Post(n.url, "application/json", bytes.NewReader(payload))
	if err != nil {
		return fmt.Errorf("post: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("webhook status %d", resp.StatusCode)
	}
	return nil
}
