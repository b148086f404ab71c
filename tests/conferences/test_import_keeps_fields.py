"""A re-import changes only what the file says: fields it has no column for (or the HUD export
does not give) keep what the coordinator entered by hand."""
from hud_export_files import HudExportBuilder
from test_import_hud import household

from hh.conferences.bnl_import import ReadOptions, import_bnl
from hh.conferences.bnl_values import Place
from hh.extensions import db


def test_hud_reimport_keeps_what_the_export_does_not_say(bnl):
    hud = HudExportBuilder()
    hud.project("P-ES", "Shelter", 1)
    hud.client("C1", "Alma", "Reyes", dob="1970-05-01", veteran=1)
    hud.enrollment("E1", "C1", "P-ES", "2024-01-10")
    options = ReadOptions(place=Place(region=bnl.north))
    import_bnl(hud.files(), commit=True, actor="test", options=options)
    alma = household("C1")
    alma.priority_score, alma.navigator_name, alma.consent = 17, "Robin", True
    alma.housing_need, alma.safety_flag = "high", True
    db.session.commit()
    again = import_bnl(hud.files(), commit=True, actor="test", options=options)
    db.session.refresh(alma)
    assert again.counts["households"]["unchanged"] == 1, again.counts
    assert (alma.priority_score, alma.navigator_name, alma.consent, alma.housing_need,
            alma.safety_flag) == (17, "Robin", True, "high", True)


def test_deck_file_without_navigator_keeps_the_navigator(bnl):
    deck = ("HMIS ID,First Name,Last Name,Housing Status,Score\n"
            "D1,Ada,Example,Unsheltered,4\n").encode()
    options = ReadOptions(place=Place(region=bnl.north))
    import_bnl(deck, commit=True, actor="test", options=options)
    ada = household("D1")
    ada.navigator_name, ada.consent = "Robin", True
    db.session.commit()
    import_bnl(deck, commit=True, actor="test", options=options)
    db.session.refresh(ada)
    assert (ada.navigator_name, ada.consent) == ("Robin", True)
