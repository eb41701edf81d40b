# want: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/controllers/articles_controller.rb
class ArticlesController < ApplicationController
  after_action :verify_authorized, except: :index

  def update
    @article = Article.find(params[:id])
    authorize @article
    @article.update!(article_params)
    redirect_to @article
  end

  def unpublish
    @article = Article.find(params[:id])
    @article.unpublish!
    redirect_to @article
  end

  private

  def article_params
    params.require(:article).permit(:title, :body)
  end
end
