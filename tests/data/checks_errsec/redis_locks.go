package jobs

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

func Run(ctx context.Context, rdb *redis.Client, id string) error {
	key := "lock:" + id
	ok, err := rdb.SetNX(ctx, key, "1", 30*time.Second).Result()
	if err != nil || !ok {
		return err
	}
	defer rdb.Del(ctx, key) // data-expect: GO-REDIS-LOCK-RELEASE
	return nil
}

func Pause(ctx context.Context, rdb *redis.Client, queue string) {
	key := "paused:" + queue
	rdb.SetNX(ctx, key, "1", 0)
}

func Forever(ctx context.Context, rdb *redis.Client, name string) {
	rdb.SetNX(ctx, "a-lock:"+name, "1", 0) // expect: GO-REDIS-LOCK-NO-EXPIRY
	rdb.SetArgs(ctx, "b-lock:"+name, "1", redis.SetArgs{Mode: "NX"}) // expect: GO-REDIS-LOCK-NO-EXPIRY
	rdb.SetArgs(ctx, "c-lock:"+name, "1", redis.SetArgs{Mode: "NX", TTL: time.Minute})
	rdb.SetNX(ctx, "d-lock:"+name, "1", time.Minute)
}
