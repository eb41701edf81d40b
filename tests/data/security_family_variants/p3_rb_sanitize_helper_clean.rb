# clean: RB-UNESCAPED-HTML
module ReleaseNotesHelper
  ALLOWED_TAGS = %w[p ul ol li strong em a code pre h3].freeze

  def release_note_body(note)
    sanitize(note.body_html, tags: ALLOWED_TAGS, attributes: %w[href])
  end

  def release_badge(note)
    content_tag(:span, note.version, class: "badge badge-#{note.channel}")
  end
end
