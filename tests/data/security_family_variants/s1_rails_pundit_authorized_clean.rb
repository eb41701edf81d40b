# clean: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/controllers/posts_controller.rb
class PostsController < ApplicationController
  def edit
    @post = Post.find(params[:id])
    authorize @post
  end

  def publish
    @post = Post.find(params[:id])
    authorize @post, :publish?
    @post.update!(published_at: Time.current)
    redirect_to @post, notice: "Published"
  end
end
