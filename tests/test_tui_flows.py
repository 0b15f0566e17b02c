"""The Textual app walked as a shop user would, on a real database file, at 80×24."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable, Input, Select, Static

from jeweltui.models import Customer, Location, Piece
from jeweltui.screens.app import make_app
from jeweltui.screens.customers import CustomerScreen, CustomersScreen
from jeweltui.screens.piece_detail import PieceDetailScreen
from jeweltui.screens.piece_form import PieceFormScreen
from jeweltui.screens.pieces import PiecesScreen
from jeweltui.screens.widgets.form import FormField
from jeweltui.screens.widgets.piece_table import PieceTable
from jeweltui.services import holds, sales
from jeweltui.services.moves import move_pieces
from jeweltui.services.staff import create_staff
from tests.tui_helpers import settle, type_text

SIZE = (80, 24)


def text_of(screen, selector: str) -> str:
    """What the user reads in a Static (markup removed)."""
    return Text.from_markup(str(screen.query_one(selector, Static).content)).plain


def table_cells(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def open_pieces(pilot) -> PiecesScreen:
    await pilot.press("f2")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PiecesScreen)
    return pilot.app.screen


async def fill_piece_form(pilot, *, price: str) -> PieceFormScreen:
    await pilot.press("ctrl+n")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, PieceFormScreen)
    for name, text in (("title", "Pear pendant 0.30ct"), ("sku", "PND-PEAR-18W-30")):
        form.query_one(f"#{name}", Input).focus()
        await type_text(pilot, text)
    form.query_one("#category", Select).value = "pendant"
    form.query_one("#location", Select).value = "L-CASE-B"
    form.query_one("#retail_cents", Input).focus()
    await type_text(pilot, price)
    await pilot.pause()
    return form


async def test_add_find_open_move_a_piece_and_see_its_history(shop, db_path):
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pieces = await open_pieces(pilot)
        await fill_piece_form(pilot, price="1,299.00")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is pieces  # the form closed itself after saving

        piece = Piece.get(Piece.sku == "PND-PEAR-18W-30")
        assert (piece.retail_cents, piece.location.code) == (129900, "L-CASE-B")
        assert piece.stock_no == "P-000001"

        search = pieces.query_one("#search", Input)
        search.focus()
        await type_text(pilot, "pear-18")
        await settle(pilot)
        table = pieces.query_one(PieceTable)
        assert table.stock_numbers == ["P-000001"]
        assert "Pear pendant 0.30ct" in table_cells(table)[0]
        assert text_of(pieces, "#status").startswith("1–1 of 1")

        await pilot.press("down", "enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, PieceDetailScreen)
        assert "Pear pendant 0.30ct" in text_of(detail, "#title")
        assert text_of(detail, "#state") == "In Case B, available"

        move_pieces(["P-000001"], "L-SAFE", staff=shop["owner"], reason="end of day")
        await pilot.press("escape", "enter")
        await settle(pilot)
        history = table_cells(app.screen.query_one("#history", DataTable))
        assert [row[2] for row in history] == ["added to stock → L-CASE-B", "moved → L-SAFE"]
        assert history[1][1] == "Owner" and history[1][3] == "end of day"
        assert text_of(app.screen, "#state") == "In Safe, not on sale here"


async def test_a_negative_price_shows_at_the_field_and_saves_nothing(shop, db_path):
    before = Piece.select().count()
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_pieces(pilot)
        form = await fill_piece_form(pilot, price="-5")
        price = form.query_one("#field-retail_cents", FormField)
        assert "cannot be negative" in price.error  # shown while typing
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # still open, input kept
        assert form.query_one("#retail_cents", Input).value == "-5"
        assert "cannot be negative" in price.error
        assert form.focused is form.query_one("#retail_cents", Input)
        assert [f.spec.name for f in form.query(FormField) if f.error] == ["retail_cents"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PiecesScreen)
    assert Piece.select().count() == before


async def test_escape_cancels_a_filled_form_with_no_change(shop, db_path):
    before = Piece.select().count()
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_pieces(pilot)
        await fill_piece_form(pilot, price="2,500.00")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PiecesScreen)
    assert Piece.select().count() == before


async def test_a_service_refusal_is_a_toast_and_the_form_stays(shop, db_path):
    """A duplicate location code passes the field checks but the service refuses it."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        form = app.screen
        form.query_one("#code", Input).focus()
        await type_text(pilot, "CASE-A")
        form.query_one("#name", Input).focus()
        await type_text(pilot, "Another case A")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "exists already" in form.query_one("#field-code", FormField).error
        assert any("exists already" in str(n.message) for n in app._notifications)
    assert Location.select().where(Location.name == "Another case A").count() == 0


async def test_an_invalid_email_is_refused_at_its_field(shop, db_path):
    before = Customer.select().count()
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        form = app.screen
        form.query_one("#name", Input).focus()
        await type_text(pilot, "Anna Verdi")
        form.query_one("#email", Input).focus()
        await type_text(pilot, "anna.example.com")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "not an e-mail address" in form.query_one("#field-email", FormField).error
    assert Customer.select().count() == before


async def test_staff_without_cost_rights_see_no_cost_column(shop, db_path):
    create_staff("S-ANNA", "Anna", "staff", staff=shop["owner"])
    for badge, sees in (("S-ANNA", False), ("S-OWNER", True)):
        app = make_app(db_path, staff=badge)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            pieces = await open_pieces(pilot)
            headers = [str(c.label) for c in pieces.query_one(PieceTable).columns.values()]
            assert ("Cost" in headers) is sees
            cells = str(table_cells(pieces.query_one(PieceTable)))
            assert ("€480.00" in cells) is sees


async def test_home_lists_todays_holds_and_a_location_tile_opens_its_pieces(
    shop, db_path, frozen_clock
):
    ring = shop["rings"][1]
    holds.place_hold(ring, staff=shop["owner"], customer=shop["customer"], hours=3)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        holds_rows = table_cells(home.query_one("#holds", DataTable))
        assert [row[1:] for row in holds_rows] == [[ring.stock_no, "Maria Rossi"]]
        assert text_of(home, "#today").startswith("3 pieces in stock  ·  1 hold ends today")
        jobs = table_cells(home.query_one("#jobs", DataTable))
        assert jobs[1][1] == "no exports yet"
        await pilot.press("enter")  # the focused location tile: L-CASE-A, 3 pieces
        await settle(pilot)
        assert isinstance(app.screen, PiecesScreen)
        assert app.screen.query_one(PieceTable).stock_numbers == [r.stock_no for r in shop["rings"]]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is home


async def test_a_customer_shows_what_they_bought(shop, db_path):
    ring = shop["rings"][2]
    sales.sell_pieces([ring.stock_no], staff=shop["owner"], customer=shop["customer"])
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, CustomersScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
        assert "Maria Rossi" in text_of(app.screen, "#who")
        purchases = table_cells(app.screen.query_one("#purchases", DataTable))
        assert [row[1:] for row in purchases] == [[ring.stock_no, "Solitaire ring 3", "€1,299.00"]]


async def test_editing_a_price_from_the_detail_screen_saves_cents_and_history(shop, db_path):
    ring = shop["rings"][0]
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_pieces(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PieceFormScreen)
        price = form.query_one("#retail_cents", Input)
        assert price.value == "1,299.00"
        price.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "1,450.50")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # a price change needs a reason: the form stays
        assert Piece.get_by_id(ring.id).retail_cents == 129900
        form.query_one("#reason", Input).focus()
        await type_text(pilot, "new gold price")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PieceDetailScreen)
        history = table_cells(app.screen.query_one("#history", DataTable))
        assert history[-1][2] == "edited: price €1,299.00 → €1,450.50"
    assert Piece.get_by_id(ring.id).retail_cents == 145050


async def test_a_piece_with_a_photo_shows_it(shop, db_path, tmp_path):
    from PIL import Image as PILImage

    from jeweltui.services.pieces import edit_piece

    photo = tmp_path / "ring.png"
    PILImage.new("RGB", (40, 40), (200, 160, 40)).save(photo)
    edit_piece(shop["rings"][0], {"image_path": str(photo)}, staff=shop["owner"])
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.push_screen(PieceDetailScreen(shop["rings"][0].stock_no))
        await settle(pilot)
        shown = app.screen.query_one("#photo")
        assert type(shown).__module__.startswith("textual_image")


async def test_the_palette_opens_a_piece_by_its_stock_number(shop, db_path):
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "R-000002")
        await pilot.pause(0.3)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PieceDetailScreen)
        assert app.screen.stock_no == "R-000002"
