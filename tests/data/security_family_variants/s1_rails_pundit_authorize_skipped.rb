# want: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/controllers/posts_controller.rb
class PostsController < ApplicationController
  def edit
    @post = Post.find(params[:id])
    authorize @post
  end

  def update
    @post = Post.find(params[:id])
    authorize @post
    @post.update!(post_params)
    redirect_to @post
  end

  def publish
    @post = Post.find(params[:id])
    @post.update!(published_at: Time.current)
    redirect_to @post, notice: "Published"
  end

  private

  def post_params
    params.require(:post).permit(:title, :body)
  end
end
