// clean: GO-LOCK-HELD-ON-RETURN
package cron

import (
	"context"
	"errors"
	"time"

	"github.com/bsm/redislock"
)

func (j *Job) RunExclusive(ctx context.Context) error {
	lock, err := j.locker.Obtain(ctx, "cron:"+j.name, 5*time.Minute, nil)
	if errors.Is(err, redislock.ErrNotObtained) {
		return nil
	}
	if err != nil {
		return err
	}
	defer lock.Release(context.WithoutCancel(ctx))
	return j.run(ctx)
}
