# want: RB-ADMIN-UI-UNAUTHENTICATED
# path: config/routes.rb
Rails.application.routes.draw do
  devise_for :users

  authenticate :user, ->(user) { user.admin? } do
    mount Sidekiq::Web => "/admin/sidekiq"
  end

  mount Flipper::UI.app(Flipper) => "/admin/flipper"

  resources :projects
  root "projects#index"
end
