// want: GO-ERR-COMPARE
package catalog

func (r *Repo) Product(ctx context.Context, id uint) (*Product, error) {
	var p Product
	err := r.db.WithContext(ctx).First(&p, id).Error
	if err == gorm.ErrRecordNotFound {
		return nil, ErrNotFound
	}
	return &p, err
}
