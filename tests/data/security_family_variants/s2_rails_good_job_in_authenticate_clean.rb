# clean: RB-ADMIN-UI-UNAUTHENTICATED
# path: config/routes.rb
Rails.application.routes.draw do
  devise_for :users

  authenticate :user, ->(user) { user.admin? } do
    mount GoodJob::Engine => "/admin/good_job"
    mount PgHero::Engine, at: "/admin/pghero"
  end

  resources :projects
  root "projects#index"
end
