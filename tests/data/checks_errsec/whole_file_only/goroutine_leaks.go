package quotes

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

type result struct {
	q   *Quote
	err error
}

func (c *Client) Quote(ctx context.Context, sku string) (*Quote, error) {
	ch := make(chan result) // expect: GO-GOROUTINE-SEND-LEAK
	go func() {
		q, err := c.fetch(ctx, sku)
		ch <- result{q, err}
	}()
	select {
	case r := <-ch:
		return r.q, r.err
	case <-time.After(2 * time.Second):
		return nil, ErrTimeout
	}
}

func (c *Client) QuoteBuffered(ctx context.Context, sku string) (*Quote, error) {
	ch := make(chan result, 1)
	go func() {
		q, err := c.fetch(ctx, sku)
		ch <- result{q, err}
	}()
	select {
	case r := <-ch:
		return r.q, r.err
	case <-time.After(2 * time.Second):
		return nil, ErrTimeout
	}
}

func (c *Client) Report(ctx context.Context, id string) (*Report, error) {
	rows := make(chan []Row) // expect: GO-GOROUTINE-SEND-LEAK
	go func() {
		rows <- c.rows(ctx, id)
	}()
	owner, err := c.owner(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("owner of %s: %w", id, err)
	}
	return &Report{Owner: owner, Rows: <-rows}, nil
}

func (c *Client) RefreshAll(ctx context.Context, ids []string) {
	var wg sync.WaitGroup
	for _, id := range ids {
		go func(id string) {
			wg.Add(1) // expect: GO-WAITGROUP-ADD-IN-GOROUTINE
			defer wg.Done()
			c.refresh(ctx, id)
		}(id)
	}
	wg.Wait()
}

func (c *Client) RefreshAllCounted(ctx context.Context, ids []string) {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func(id string) {
			defer wg.Done()
			c.refresh(ctx, id)
		}(id)
	}
	wg.Wait()
}

func (c *Client) SyncAll(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		return c.syncUsers(ctx) // expect: GO-ERRGROUP-CTX-IGNORED
	})
	g.Go(func() error {
		return c.syncTeams(gctx)
	})
	_ = g.Wait() // expect: GO-ERRGROUP-WAIT-IGNORED
	return nil
}

func (c *Client) SyncAllChecked(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		return c.syncUsers(gctx)
	})
	g.Go(func() error {
		return c.syncTeams(gctx)
	})
	return g.Wait()
}

func (c *Client) Prices(ctx context.Context, skus []string) ([]*Quote, error) {
	out := make(chan result)
	for _, sku := range skus {
		go func(sku string) {
			q, err := c.fetch(ctx, sku)
			out <- result{q, err}
		}(sku)
	}
	quotes := make([]*Quote, 0, len(skus))
	for range skus {
		r := <-out
		if r.err != nil {
			return nil, r.err // expect: GO-GOROUTINE-SEND-LEAK
		}
		quotes = append(quotes, r.q)
	}
	return quotes, nil
}

func (c *Client) PricesBuffered(ctx context.Context, skus []string) ([]*Quote, error) {
	out := make(chan result, len(skus))
	for _, sku := range skus {
		go func(sku string) {
			q, err := c.fetch(ctx, sku)
			out <- result{q, err}
		}(sku)
	}
	quotes := make([]*Quote, 0, len(skus))
	for range skus {
		r := <-out
		if r.err != nil {
			return nil, r.err
		}
		quotes = append(quotes, r.q)
	}
	return quotes, nil
}
