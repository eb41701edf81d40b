# want: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/routes/notes.rb
class NotesApp < Sinatra::Base
  before { halt 401 unless current_user }

  get "/notes/:id" do
    note = current_user.notes_dataset.first(id: params[:id]) or halt 404
    json note.to_hash
  end

  delete "/notes/:id" do
    note = Note.first(id: params[:id]) or halt 404
    note.destroy
    status 204
  end
end
