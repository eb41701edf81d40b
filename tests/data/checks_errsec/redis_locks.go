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

func Forever(ctx context.Context, rdb *redis.Client, name string) {
	rdb.SetNX(ctx, "a:"+name, "1", 0) // expect: GO-REDIS-LOCK-NO-EXPIRY
	rdb.SetArgs(ctx, "b:"+name, "1", redis.SetArgs{Mode: "NX"}) // expect: GO-REDIS-LOCK-NO-EXPIRY
	rdb.SetArgs(ctx, "c:"+name, "1", redis.SetArgs{Mode: "NX", TTL: time.Minute})
	rdb.SetNX(ctx, "d:"+name, "1", time.Minute)
}
