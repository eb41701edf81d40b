// clean: ANY-LOCK-RELEASED-ONLY-ON-SUCCESS
package jobs

func (j *ReportJob) Run(ctx context.Context, tenantID string) error {
	key := "report-lock:" + tenantID
	ok, err := j.rdb.SetNX(ctx, key, j.id, 10*time.Minute).Result()
	if err != nil || !ok {
		return err
	}
	defer j.rdb.Del(context.WithoutCancel(ctx), key)
	rep, err := j.builder.Build(ctx, tenantID)
	if err != nil {
		return err
	}
	return j.store.Save(ctx, rep)
}
