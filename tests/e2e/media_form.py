"""The public media application as a journalist fills it in: Nguyễn Thị Lan, a
photographer of the outlet given, with her ID copy, letter of assignment, press card and
photo. The caller checks what it expects, gives consent and sends."""


def fill_media_application(page, *, outlet, photo, letter, card):
    page.fill("#id_family_name", "Nguyễn")
    page.fill("#id_given_names", "Thị Lan")
    page.select_option("#id_gender", "female")
    page.fill("#id_date_of_birth", "1988-04-02")
    page.select_option("#id_nationality", label="Viet Nam")
    page.fill("#id_email", "lan@vna.example")
    page.fill("#id_phone", "+84 24 3825 3536")
    page.select_option("#id_id_document_kind", "passport")
    page.fill("#id_id_document_number", "C7654321")
    page.fill("#id_id_document_expiry", "2034-01-01")
    page.set_input_files("#id_id_copy", str(letter))
    page.select_option("#id_outlet", str(outlet.pk))
    page.select_option("#id_media_role", "photographer")
    page.fill("#id_function", "Photographer")
    page.set_input_files("#id_letter_of_assignment", str(letter))
    page.set_input_files("#id_press_card", str(card))
    page.set_input_files("#id_photo", str(photo))
