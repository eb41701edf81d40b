# Dashboards mounted in the routes: outside the guard the application gives its other routes, and inside it.
require "sidekiq/web"

Rails.application.routes.draw do
  mount Sidekiq::Web => "/admin/jobs" # expect: RB-ADMIN-UI-UNAUTHENTICATED

  namespace :ops do
    mount GoodJob::Engine, at: "good_job" # expect: RB-ADMIN-UI-UNAUTHENTICATED
  end

  devise_for :accounts

  authenticate :account, ->(account) { account.operator? } do
    mount Flipper::UI.app(Flipper) => "/admin/flags"
  end

  constraints OperatorConstraint.new do
    mount Resque::Server.new, at: "/admin/resque"
  end

  mount PgHero::Engine, at: "/admin/pghero"

  if Rails.env.development?
    mount GoodJob::Engine => "/dev/good_job"
  end

  resources :invoices, only: %i[index show]
end
