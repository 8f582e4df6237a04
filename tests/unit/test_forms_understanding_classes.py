"""understand() on the failure classes of the blind evaluation: one example per way of saying
it, each written for this test (not copied from an evaluation case)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gofer.workflows.forms.schema import FormSchema
from gofer.workflows.forms.understanding import understand

DATA = Path(__file__).resolve().parents[1] / "data" / "form_fields"
TODAY = dt.date(2026, 11, 24)


def schema(form: str) -> FormSchema:
    return FormSchema.from_json((DATA / f"{form}.json").read_text(encoding="utf-8"))


def turns(form: str, *messages: str) -> tuple[dict[str, str], set[str]]:
    """The form's values after all turns, and the fields some turn asked about."""
    values: dict[str, str] = {}
    asked: set[str] = set()
    for message in messages:
        result = understand(message, schema(form), today=TODAY, current=values)
        values = result.apply_to(values)
        for fields in result.question_fields:
            asked.update(fields)
    return values, asked


# English with the value before its label: punctuation inside the value does not cut it.
@pytest.mark.parametrize(
    ("form", "message", "field", "value"),
    [
        (
            "hr",
            "Tran Van Hai is the employee, hai.tv@vpbank.com.vn is the manager's email.",
            "managerEmail",
            "hai.tv@vpbank.com.vn",
        ),
        ("loan", "Gender male, July 4, 1990 is the date of birth.", "dateOfBirth", "1990-07-04"),
        (
            "loan",
            "One and a half billion dong is the loan amount, for a car.",
            "loanAmount",
            "1500000000",
        ),
    ],
)
def test_value_before_its_label(form: str, message: str, field: str, value: str) -> None:
    values, _ = turns(form, message)
    assert values.get(field) == value


# Clearing in a later turn: spoken fillers, a qualifier shared by a list, a party's fields.
@pytest.mark.parametrize(
    ("form", "first", "later", "cleared", "kept"),
    [
        (
            "loan",
            "email là hoa.le@gmail.com, sđt 0912345678",
            "ờ bỏ cái email đi nha",
            {"email"},
            {"phoneNumber"},
        ),
        (
            "operations",
            "Khách Lê Văn Tâm chuyển khoản 5 triệu cho Phạm Thu Hà, số tài khoản người nhận 123456789.",
            "Xóa tên và số tài khoản người nhận giúp em.",
            {"beneficiaryName", "beneficiaryAccount"},
            {"customerName"},
        ),
        (
            "operations",
            "Khách Lê Văn Tâm chuyển khoản 5 triệu cho Phạm Thu Hà, số tài khoản người nhận 123456789.",
            "Bỏ hết thông tin người nhận đi.",
            {"beneficiaryName", "beneficiaryAccount"},
            {"customerName"},
        ),
    ],
)
def test_clearing_in_a_later_turn(
    form: str, first: str, later: str, cleared: set[str], kept: set[str]
) -> None:
    before, _ = turns(form, first)
    assert cleared | kept <= set(before)
    after, _ = turns(form, first, later)
    assert not cleared & set(after)
    assert kept <= set(after)


# A date the message gives by its verb ("nộp", "submitted"), or two joined days of a request.
@pytest.mark.parametrize(
    ("form", "message", "expected"),
    [
        (
            "compliance",
            "Báo cáo AML BC-2026-001, đã nộp hôm qua.",
            {"submissionDate": "2026-11-23"},
        ),
        (
            "compliance",
            "Report BC-2026-002 was submitted three days ago.",
            {"submissionDate": "2026-11-21"},
        ),
        ("compliance", "bao cao dinh ky, nop hom nay", {"submissionDate": "2026-11-24"}),
        (
            "hr",
            "ờ em xin nghỉ phép năm ngày mai với ngày kia lý do là việc gia đình",
            {"startDate": "2026-11-25", "endDate": "2026-11-26"},
        ),
    ],
)
def test_dates_stated_in_the_message(form: str, message: str, expected: dict[str, str]) -> None:
    values, _ = turns(form, message)
    assert {k: values.get(k) for k in expected} == expected


# Names and roles: the value before "sẽ là <role>", a payee after an amount with dots, a
# marked family name that folds to a cue word, a family name that is also an option's word.
@pytest.mark.parametrize(
    ("form", "message", "expected"),
    [
        (
            "operations",
            "Mã giao dịch FT100200. Anh Trịnh Quốc Bảo sẽ là người kiểm tra nha, cảm ơn.",
            {"reviewerName": "Trịnh Quốc Bảo"},
        ),
        (
            "operations",
            "Khách Lê Minh Tú chuyển khoản 7.500.000 đồng cho Châu Thị Mỹ, tài khoản nhận 123456789.",
            {"customerName": "Lê Minh Tú", "beneficiaryName": "Châu Thị Mỹ"},
        ),
        (
            "hr",
            "Đơn nghỉ phép của Đỗ Thị Lan từ ngày 3/12 đến ngày 4/12.",
            {"employeeName": "Đỗ Thị Lan"},
        ),
        (
            "compliance",
            "báo cáo của anh cao văn minh nhật, rủi ro tổng thể trung bình",
            {"complianceOfficer": "Cao Văn Minh Nhật", "overallRisk": "medium"},
        ),
    ],
)
def test_names_and_roles(form: str, message: str, expected: dict[str, str]) -> None:
    values, _ = turns(form, message)
    assert {k: values.get(k) for k in expected} == expected


# Family names that are also honorifics or fillers ("Chu", "Ong", "La", "Tong"), less common
# family names, and lower-case names that end at the verb after them.
@pytest.mark.parametrize(
    ("form", "message", "expected"),
    [
        ("hr", "don xin nghi om cua Chu Thi Hoa, phong IT", {"employeeName": "Chu Thi Hoa"}),
        ("hr", "Annual leave for Ong Van Tai, 2 days", {"employeeName": "Ong Van Tai"}),
        ("hr", "Nhan vien Tong Thi Mai, phong Finance", {"employeeName": "Tong Thi Mai"}),
        ("crm", "khách nghiêm thị hoa gọi điện hỏi thẻ", {"customerName": "Nghiêm Thị Hoa"}),
        ("crm", "khách cù văn lâm ghé quầy hỏi vay", {"customerName": "Cù Văn Lâm"}),
        ("operations", "khách đàm thị lan thanh toán hai triệu", {"customerName": "Đàm Thị Lan"}),
        ("crm", "Customer Phan Anh Tu called about his card", {"customerName": "Phan Anh Tu"}),
        ("hr", "nhân viên khúc văn phong xin nghỉ ốm", {"employeeName": "Khúc Văn Phong"}),
    ],
)
def test_family_names_and_name_ends(form: str, message: str, expected: dict[str, str]) -> None:
    values, _ = turns(form, message)
    assert {k: values.get(k) for k in expected} == expected


# Submit: a later "chưa gửi" holds it back; "xong," opening a clause is a connector, not "done".
@pytest.mark.parametrize(
    ("form", "message", "submit", "expected"),
    [
        ("hr", "Nộp đơn luôn nhé. À khoan, chưa nộp nha, để em hỏi lại.", False, {}),
        ("crm", "Khách hỏi về thẻ. Xong, gửi đơn giúp em.", True, {"resolutionStatus": None}),
        ("crm", "Khách hỏi về thẻ, đã xử lý xong.", False, {"resolutionStatus": "resolved"}),
        # Folded, "tín dụng" ends like "đừng": typed with its marks it negates nothing.
        ("crm", "khách hỏi mở thẻ tín dụng xong gửi đơn luôn nha", True, {}),
        ("crm", "khach hoi the tin dung, dung gui voi nhe", False, {}),
        ("crm", "Khách hỏi thẻ tín dụng, đừng gửi vội.", False, {}),
    ],
)
def test_submit_and_connectors(
    form: str, message: str, submit: bool, expected: dict[str, str | None]
) -> None:
    result = understand(message, schema(form), today=TODAY, current={})
    assert result.submit is submit
    assert {k: result.set_values.get(k) for k in expected} == expected


# Free-text boundaries: a title right after a name (even one found without a cue, or one that
# starts with a role word), and a described issue that begins with an option's word.
@pytest.mark.parametrize(
    ("form", "message", "expected"),
    [
        (
            "compliance",
            "Người lập là Phạm Thu Trang, Chuyên viên Pháp chế. Trạng thái đang thực hiện.",
            {"complianceOfficer": "Phạm Thu Trang", "officerPosition": "Chuyên viên Pháp chế"},
        ),
        (
            "hr",
            "Leave request for Vo Minh Khang, Data Analyst in Marketing.",
            {"employeeName": "Vo Minh Khang", "position": "Data Analyst"},
        ),
        (
            "crm",
            "Issue: Chuyển khoản 2 triệu từ hôm qua mà tài khoản nhận vẫn chưa thấy tiền. Note: khách quen.",
            {
                "issueDescription": "Chuyển khoản 2 triệu từ hôm qua mà tài khoản nhận vẫn chưa thấy tiền"
            },
        ),
        ("crm", "Issue: chuyển khoản.", {"issueCategory": "transaction", "issueDescription": None}),
    ],
)
def test_free_text_boundaries(form: str, message: str, expected: dict[str, str | None]) -> None:
    values, _ = turns(form, message)
    assert {k: values.get(k) for k in expected} == expected


# Amounts and implied options: a count of years is not an amount; "mua xe ô tô" is the purpose
# only (the car is not named as collateral).
@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("ờ vay ba năm nha, thu nhập hai mươi triệu", {"loanTerm": "36", "loanAmount": None}),
        ("khách vay để mua xe ô tô", {"loanPurpose": "vehicle", "collateralType": None}),
        (
            "mục đích mua xe, tài sản đảm bảo là ô tô",
            {"loanPurpose": "vehicle", "collateralType": "vehicle"},
        ),
    ],
)
def test_amounts_and_implied_options(message: str, expected: dict[str, str | None]) -> None:
    values, _ = turns("loan", message)
    assert {k: values.get(k) for k in expected} == expected


# A role the speaker leaves open is asked about and not filled; an open choice about something
# else in the same sentence leaves the role alone.
@pytest.mark.parametrize(
    ("form", "message", "field", "filled"),
    [
        (
            "crm",
            "Anh Tuấn và chị Hạnh cùng xử lý, em chưa biết ghi ai là nhân viên xử lý.",
            "agentName",
            False,
        ),
        (
            "loan",
            "Le Van Hoa and his wife Tran Thi Thu came in; they are not sure who will be the "
            "borrower. Loan amount 300 million.",
            "customerName",
            False,
        ),
        (
            "hr",
            "Nhân viên Phạm Quốc Huy, đang ở giữa phòng Sales và phòng IT, chưa chốt phòng nào.",
            "employeeName",
            True,
        ),
    ],
)
def test_open_roles_are_asked(form: str, message: str, field: str, filled: bool) -> None:
    values, asked = turns(form, message)
    assert (field in values) is filled
    assert (field in asked) is not filled


# A value never takes part of a date or a spoken phone: "vay là 16/11/2026" is the date only,
# "tám sáu" is digits, not "sau" (after); "làm nhân viên ở X" names the employer, not a staff.
@pytest.mark.parametrize(
    ("form", "message", "expected"),
    [
        (
            "loan",
            "Ngày đăng ký vay là 20/11/2026, khách Lê Thị Hoa.",
            {"applicationDate": "2026-11-20", "loanAmount": None},
        ),
        (
            "operations",
            "khách là lê văn nam số điện thoại không chín tám sáu một hai ba bốn năm sáu "
            "thì khách rút ba mươi triệu ở cây atm",
            {"phoneNumber": "0986123456", "transactionAmount": "30000000", "balanceAfter": None},
        ),
        (
            "loan",
            "hien lam nhan vien o Viettel Telecom, thu nhap 20 trieu",
            {"companyName": "Viettel Telecom", "relationshipManager": None},
        ),
    ],
)
def test_values_do_not_take_parts_of_others(
    form: str, message: str, expected: dict[str, str | None]
) -> None:
    values, _ = turns(form, message)
    assert {k: values.get(k) for k in expected} == expected


# A phone given for the days of an absence is the contact during it; the same words without a
# phone or e-mail fill nothing.
@pytest.mark.parametrize(
    ("message", "contact"),
    [
        (
            "Em nghỉ phép từ 1/12 đến 3/12. Trong mấy ngày nghỉ có gì thì gọi em số 0912345678 nha.",
            "0912345678",
        ),
        ("Em nghỉ phép từ 1/12 đến 3/12. Trong những ngày nghỉ anh Bình sẽ lo công việc.", None),
    ],
)
def test_contact_during_absence(message: str, contact: str | None) -> None:
    values, _ = turns("hr", message)
    assert values.get("contactDuringAbsence") == contact


# Speech without punctuation: a free text ends at a spoken break before another field's words;
# the same words inside a typed sentence stay in the text.
@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "địa chỉ 45 nguyễn trãi quận 5 xong khách rất hài lòng",
            {"address": "45 nguyễn trãi quận 5", "satisfactionRating": "5"},
        ),
        (
            "ghi chú khách đã nhận tiền rồi nhưng vẫn muốn khiếu nại",
            {"notes": "khách đã nhận tiền rồi nhưng vẫn muốn khiếu nại"},
        ),
    ],
)
def test_speech_free_text_boundaries(message: str, expected: dict[str, str]) -> None:
    values, _ = turns("crm", message)
    assert {k: values.get(k) for k in expected} == expected


# Amounts with a decimal word, and common words that start with a family name's syllable.
@pytest.mark.parametrize(
    ("form", "message", "expected"),
    [
        (
            "loan",
            "Loan of two point five billion dong over 12 months",
            {"loanAmount": "2500000000"},
        ),
        ("loan", "vay một phẩy tám tỷ", {"loanAmount": "1800000000"}),
        (
            "compliance",
            "em nộp hôm qua nha tổng cộng xem xét năm mươi hồ sơ",
            {"complianceOfficer": None, "casesReviewed": "50"},
        ),
    ],
)
def test_decimal_amounts_and_common_words(
    form: str, message: str, expected: dict[str, str | None]
) -> None:
    values, _ = turns(form, message)
    assert {k: values.get(k) for k in expected} == expected


# A value the field cannot take is reported, never dropped in silence.
@pytest.mark.parametrize("message", ["mức độ hài lòng 7", "satisfaction rating 9 please"])
def test_a_rating_off_the_scale_is_reported(message: str) -> None:
    result = understand(message, schema("crm"), today=TODAY, current={})
    assert "satisfactionRating" not in result.set_values
    assert "satisfactionRating" in result.rejected
    assert ("satisfactionRating",) in result.question_fields


# Names without diacritics keep all their words; a lone coming day of a request starts it even
# when a sibling label shares a word with the submission date.
@pytest.mark.parametrize(
    ("form", "message", "expected"),
    [
        ("loan", "ten khach la le van ba o quan 3", {"customerName": "Le Van Ba"}),
        (
            "hr",
            "toi ten la dang thi thu ha xin nghi om ngay mai",
            {"employeeName": "Dang Thi Thu Ha", "startDate": "2026-11-25", "submissionDate": None},
        ),
    ],
)
def test_names_without_marks_and_request_days(
    form: str, message: str, expected: dict[str, str | None]
) -> None:
    values, _ = turns(form, message)
    assert {k: values.get(k) for k in expected} == expected


# Days of next month and the first day of a range that names its month once.
@pytest.mark.parametrize(
    ("form", "message", "expected"),
    [
        ("crm", "hẹn gọi lại vào ngày 8 tháng sau", {"followUpDate": "2026-12-08"}),
        ("crm", "follow up on the 2nd of next month", {"followUpDate": "2026-12-02"}),
        (
            "hr",
            "em xin nghỉ từ mùng 3 đến mùng 4 tháng 12",
            {"startDate": "2026-12-03", "endDate": "2026-12-04"},
        ),
        ("hr", "nghỉ phép từ 28 đến 2/12", {"startDate": "2026-11-28", "endDate": "2026-12-02"}),
    ],
)
def test_relative_and_ranged_days(form: str, message: str, expected: dict[str, str]) -> None:
    values, _ = turns(form, message)
    assert {k: values.get(k) for k in expected} == expected


def test_a_day_of_next_month_is_not_a_count_of_months() -> None:
    values, _ = turns("crm", "hẹn gọi lại ngày 5 tháng tới")
    assert values.get("followUpDate") == "2026-12-05"  # not five months from today


def test_a_particle_typed_without_marks_is_not_a_marked_option() -> None:
    values, _ = turns("loan", "ngày sinh là ngày 9 tháng 9 năm 1997 nha, vay 300 triệu")
    assert values.get("dateOfBirth") == "1997-09-09"
    assert "collateralType" not in values  # "nha" is not "nhà" (real estate)


def test_a_relative_who_receives_a_transfer_is_the_payee() -> None:
    values, _ = turns("operations", "Khách Lê Văn Tâm chuyển 3 triệu cho em trai Lê Văn Tú.")
    assert values.get("beneficiaryName") == "Lê Văn Tú"
    values, _ = turns("loan", "Khách Lê Văn Tâm vay 1 tỷ, em trai Lê Văn Tú đi cùng.")
    assert values.get("customerName") == "Lê Văn Tâm"


# The verb after a name says the person's role (verbs kept as data).
@pytest.mark.parametrize(
    ("form", "message", "expected"),
    [
        (
            "crm",
            "Chị Vũ Thị Hạnh gọi hotline, anh Đỗ Minh Quân bên em tiếp nhận.",
            {"customerName": "Vũ Thị Hạnh", "agentName": "Đỗ Minh Quân"},
        ),
        (
            "crm",
            "Le Quoc Bao handled the call from customer Tran Thu Ha.",
            {"customerName": "Tran Thu Ha", "agentName": "Le Quoc Bao"},
        ),
        (
            "operations",
            "Khách Ngô Văn Sơn rút 5 triệu ở ATM, chị Bùi Thu Trang kiểm tra.",
            {"customerName": "Ngô Văn Sơn", "reviewerName": "Bùi Thu Trang"},
        ),
    ],
)
def test_role_verbs_after_names(form: str, message: str, expected: dict[str, str]) -> None:
    values, _ = turns(form, message)
    assert {k: values.get(k) for k in expected} == expected


def test_a_company_cue_followed_only_by_an_option_names_no_company() -> None:
    values, _ = turns("loan", "hiện khách đi làm công ty ăn lương, vay 200 triệu")
    assert values.get("employmentStatus") == "employed"
    assert "companyName" not in values


def test_a_field_the_new_answer_hides_is_emptied() -> None:
    first = "Khách Lê Văn Tâm chuyển khoản 5 triệu cho Phạm Thu Hà, tài khoản nhận 123456789."
    values, _ = turns("operations", first, "Nhầm, đây là rút tiền mặt chứ không phải chuyển khoản.")
    assert values.get("transactionType") == "withdrawal"
    assert "beneficiaryName" not in values and "beneficiaryAccount" not in values
    assert values.get("customerName") == "Lê Văn Tâm"


# "không phải X mà là Y": Y replaces the amount that was X; with no such amount, nothing is filled.
@pytest.mark.parametrize(
    ("later", "expected"),
    [
        ("à không phải 300 mà là 350 triệu", {"loanAmount": "350000000", "collateralValue": None}),
        ("not 300 million but 400 million", {"loanAmount": "400000000", "collateralValue": None}),
        ("không phải 900 mà là 950 triệu", {"loanAmount": "300000000", "collateralValue": None}),
    ],
)
def test_a_denied_amount_is_corrected(later: str, expected: dict[str, str | None]) -> None:
    values, _ = turns("loan", "vay 300 triệu, thu nhập 15 triệu", later)
    assert {k: values.get(k) for k in expected} == expected


def test_a_labelled_denial_in_one_message_keeps_its_label() -> None:
    values, _ = turns("loan", "thu nhập không phải 20 mà là 25 triệu")
    assert values.get("monthlyIncome") == "25000000"


# A word typed with other marks than a family name's is not that name ("quán" is not "Quan").
@pytest.mark.parametrize(
    ("message", "name"),
    [
        ("khách tự kinh doanh quán ăn, vay để mở rộng kinh doanh", None),
        ("khách quan thị mỹ duyên vay 200 triệu", "Quan Thị Mỹ Duyên"),
        ("khách Đỗ Văn Lâm vay 1 tỷ", "Đỗ Văn Lâm"),
    ],
)
def test_family_names_keep_their_marks(message: str, name: str | None) -> None:
    values, _ = turns("loan", message)
    assert values.get("customerName") == name


def test_a_name_before_the_role_without_is() -> None:
    values, _ = turns("crm", "Vo Thi Lan is the customer, Dang Van Hieu the agent.")
    assert values.get("customerName") == "Vo Thi Lan"
    assert values.get("agentName") == "Dang Van Hieu"


# Times: spoken minutes ("bốn lăm" = 45), a part of the day elsewhere in the sentence, and a
# value said to be wrong after the right one ("X chứ không phải Y").
@pytest.mark.parametrize(
    ("message", "time"),
    [
        ("khách gọi lúc mười giờ ba lăm", "10:35"),
        ("Chiều nay lúc 4 giờ khách gọi hỏi thẻ", "16:00"),
        ("khách gọi lúc 4 giờ chiều", "16:00"),
        ("Sáng nay lúc 9 giờ khách gọi", "09:00"),
        ("khách gọi lúc 16 giờ 20 chứ không phải 16 giờ", "16:20"),
    ],
)
def test_times(message: str, time: str) -> None:
    values, _ = turns("crm", message)
    assert values.get("interactionTime") == time


def test_an_amount_denied_in_words_is_replaced() -> None:
    values, _ = turns(
        "loan",
        "khách vay ba trăm triệu",
        "à không phải ba trăm mà là ba trăm hai mươi triệu nha",
    )
    assert values.get("loanAmount") == "320000000"


# The kind of interaction implied by its verb: "gọi cho", "ghé quầy", "log a call".
@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("sáng nay em gọi cho khách Lê Văn Hùng về khoản vay", "call"),
        ("khach Tran Thi Mai goi luc 10 gio hoi the", "call"),
        ("khách Phạm Văn Nam ghé chi nhánh hỏi mở tài khoản", "visit"),
        ("Log a call with customer Do Van Hieu about his card", "call"),
        ("Email interaction with customer Vo Thi Hong, category account", "email"),
    ],
)
def test_interaction_kind_from_its_verb(message: str, kind: str) -> None:
    values, _ = turns("crm", message)
    assert values.get("interactionType") == kind


# A phone or e-mail the message gives as someone else's stays empty; the person's own stays.
@pytest.mark.parametrize(
    ("form", "message", "field", "value"),
    [
        ("crm", "Khách Trần Văn Long. Số 0905 111 222 là của chị Mai bên em.", "phoneNumber", None),
        ("loan", "khách Võ Văn Tài, số của vợ anh ấy là 0977 555 666", "phoneNumber", None),
        (
            "operations",
            "Khách Đỗ Thị Hoa chuyển tiền. Số 0913 222 333 là của người nhận.",
            "phoneNumber",
            None,
        ),
        ("crm", "Khách Lê Thị Mai, số của chị Mai là 0905 111 222", "phoneNumber", "0905111222"),
        (
            "hr",
            "nhân viên Hồ Văn Tâm, số điện thoại của em 0912 345 678",
            "phoneNumber",
            "0912345678",
        ),
        ("hr", "email của em tam.hv@vpbank.com.vn, phòng IT", "email", "tam.hv@vpbank.com.vn"),
        (
            "loan",
            "khach Pham Minh Duc, sdt cua anh ay la 0903 111 222",
            "phoneNumber",
            "0903111222",
        ),
        (
            "hr",
            "nhân viên Lê Văn Tâm, email của sếp là hoa.pt@vpbank.com.vn",
            "managerEmail",
            "hoa.pt@vpbank.com.vn",
        ),
        ("hr", "nhân viên Lê Văn Tâm, sdt của sếp là 0912 333 444", "phoneNumber", None),
        ("hr", "Le Van Tam's email is tam.lv@vpbank.com.vn", "email", "tam.lv@vpbank.com.vn"),
    ],
)
def test_contacts_of_other_people(form: str, message: str, field: str, value: str | None) -> None:
    values, _ = turns(form, message)
    assert values.get(field) == value


# Two values joined by "hay"/"hoặc"/"or" in a sentence that says it is unsure: ask, fill nothing.
@pytest.mark.parametrize(
    ("form", "message", "field", "kept"),
    [
        (
            "operations",
            "khách rút 3 hay 30 triệu gì đó em không nhớ, mã TXN55120",
            "transactionAmount",
            "transactionId",
        ),
        (
            "operations",
            "người kiểm tra là anh Tâm hoặc anh Tín em không chắc, thu phí 20 nghìn",
            "reviewerName",
            "transactionAmount",
        ),
        (
            "crm",
            "Khách Lý Văn Hòa. Khách không hài lòng hay rất không hài lòng em không rõ",
            "satisfactionRating",
            "customerName",
        ),
    ],
)
def test_unsure_alternatives_are_asked(form: str, message: str, field: str, kept: str) -> None:
    values, asked = turns(form, message)
    assert field not in values and field in asked
    assert values.get(kept)


def test_hay_without_doubt_is_no_alternative() -> None:
    values, _ = turns("crm", "khách Lý Văn Hòa hay gọi điện hỏi thẻ, khách rất hài lòng")
    assert values.get("satisfactionRating") == "5"


# Clearing: the field named with the value it holds, with "info" after it, or with a reason.
@pytest.mark.parametrize(
    ("form", "first", "then", "field"),
    [
        ("crm", "khách Lê Văn Sơn, tags: premium", "bỏ tag premium đi nhé", "tags"),
        (
            "hr",
            "Contact during absence: son.le@gmail.com",
            "Please remove the contact info.",
            "contactDuringAbsence",
        ),
        ("crm", "ghi chú: khách muốn gặp trưởng phòng", "xóa ghi chú đi để chị hỏi lại", "notes"),
    ],
)
def test_clearing_forms(form: str, first: str, then: str, field: str) -> None:
    values, _ = turns(form, first, then)
    assert field not in values


# Two dates joined by "to" or a dash are a period's start and end, "from" or not.
@pytest.mark.parametrize(
    "message",
    [
        "Annual leave for Tran Van Hai, Oct 5 to Oct 7, 2026.",
        "nghỉ phép năm 05/10/2026 - 07/10/2026",
    ],
)
def test_a_range_without_from(message: str) -> None:
    values, _ = turns("hr", message)
    assert (values.get("startDate"), values.get("endDate")) == ("2026-10-05", "2026-10-07")


# The Operations form's own button, and English "confirm it", submit; a later plan does not.
@pytest.mark.parametrize(
    ("message", "submit"),
    [
        ("Người kiểm tra Lê Văn An. Bấm Xác nhận kiểm tra giúp em.", True),
        ("All good, confirm the check now.", True),
        ("I will confirm the transaction with the customer tomorrow.", False),
    ],
)
def test_confirming_the_check(message: str, submit: bool) -> None:
    assert understand(message, schema("operations"), today=TODAY, current={}).submit is submit


@pytest.mark.parametrize(("message", "term"), [("a 3-year term", "36"), ("6-month loan", "6")])
def test_hyphenated_terms(message: str, term: str) -> None:
    values, _ = turns("loan", message)
    assert values.get("loanTerm") == term


# Implied options: southern negation, everyday wording, and a described thing naming its type.
@pytest.mark.parametrize(
    ("form", "message", "expected"),
    [
        ("crm", "khách hổng hài lòng vì phải chờ", {"satisfactionRating": "2"}),
        ("crm", "khách thấy tàm tạm, không khen không chê", {"satisfactionRating": "3"}),
        ("loan", "khách hông có tài sản thế chấp", {"collateralType": "none"}),
        ("loan", "khách mở tiệm bán tạp hóa ở chợ", {"employmentStatus": "self-employed"}),
        ("loan", "vay 40 triệu để tiêu xài cá nhân", {"loanPurpose": "personal"}),
        ("loan", "She needs 80 million for home repairs.", {"loanPurpose": "renovation"}),
        (
            "loan",
            "Collateral description: 3,000 FPT shares held at SSI.",
            {
                "collateralType": "securities",
                "collateralDescription": "3,000 FPT shares held at SSI",
            },
        ),
    ],
)
def test_implied_options_more(form: str, message: str, expected: dict[str, str]) -> None:
    values, _ = turns(form, message)
    assert {k: values.get(k) for k in expected} == expected


def test_a_free_text_does_not_keep_the_verb_that_introduced_it() -> None:
    values, _ = turns("loan", "Collateral là căn hộ chung cư ở Quận 2, value 3 tỷ.")
    assert values.get("collateralDescription") == "căn hộ chung cư ở Quận 2"


# Southern day words, "tuần sau nữa", and roles, channels and kinds said in everyday words.
@pytest.mark.parametrize(
    ("form", "message", "expected"),
    [
        (
            "hr",
            "tui xin nghỉ ốm bữa nay với ngày mai nha",
            {"startDate": "2026-11-24", "endDate": "2026-11-25"},
        ),
        ("compliance", "cần theo dõi vào thứ hai tuần sau nữa", {"followUpDate": "2026-12-07"}),
        ("crm", "Nhân viên tiếp nhận cuộc gọi là Đặng Văn Lâm.", {"agentName": "Đặng Văn Lâm"}),
        (
            "compliance",
            "nhân viên lập báo cáo là Võ Thị Hạnh",
            {"complianceOfficer": "Võ Thị Hạnh"},
        ),
        (
            "operations",
            "khách rút ở atm ba triệu",
            {"transactionType": "withdrawal", "channel": "atm"},
        ),
        ("operations", "khách lên app chuyển khoản", {"channel": "mobile"}),
        (
            "operations",
            "chuyển cho người nhận tên lê văn tài ngân hàng acb",
            {"beneficiaryName": "Lê Văn Tài"},
        ),
    ],
)
def test_everyday_words(form: str, message: str, expected: dict[str, str]) -> None:
    values, _ = turns(form, message)
    assert {k: values.get(k) for k in expected} == expected


def test_a_free_text_keeps_the_comma_of_an_amount() -> None:
    values, _ = turns("compliance", "Phân tích rủi ro: thiệt hại ước tính 3,5 tỷ đồng. Rủi ro cao.")
    assert values.get("riskAnalysis") == "thiệt hại ước tính 3,5 tỷ đồng"


def test_a_given_name_alone_is_the_full_name_said_before() -> None:
    message = "báo cáo của chị trần thu trang phòng tuân thủ, người lập là chị trang luôn"
    values, _ = turns("compliance", message)
    assert values.get("complianceOfficer") == "Trần Thu Trang"


def test_an_option_denied_before_the_right_one() -> None:
    values, _ = turns(
        "hr", "Đơn nghỉ phép năm cho Lê Văn Tùng", "không phải phép năm, là nghỉ ốm nhé"
    )
    assert values.get("leaveType") == "sick"


def test_a_spoken_time_denied_after_the_right_one() -> None:
    values, _ = turns(
        "crm", "khách gọi lúc chín giờ", "à nhầm chín giờ rưỡi chứ không phải chín giờ"
    )
    assert values.get("interactionTime") == "09:30"


# The day of a leave is when it starts, and "năm" in "phép năm" is no count of days.
@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "nghi phep nam ngay 12/11/2026",
            {"leaveType": "annual", "startDate": "2026-11-12", "duration": None},
        ),
        ("Sick leave on Nov 2, 2026.", {"leaveType": "sick", "startDate": "2026-11-02"}),
        ("nghỉ ốm ngày 3/12 đến ngày 5/12", {"startDate": "2026-12-03", "endDate": "2026-12-05"}),
    ],
)
def test_the_day_of_a_leave(message: str, expected: dict[str, str | None]) -> None:
    values, _ = turns("hr", message)
    assert {k: values.get(k) for k in expected} == expected


# What is said of a relative is theirs: their name, job, income and phone fill nothing.
@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "Khách Lê Văn Hậu, lương 30 triệu. Chồng khách là anh Phan Văn Sang, bác sĩ, thu nhập 40 triệu.",
            {"customerName": "Lê Văn Hậu", "monthlyIncome": "30000000"},
        ),
        (
            "The applicant is Tran Thi Mai; her income is 22 million, the husband earns 35 million.",
            {"customerName": "Tran Thi Mai", "monthlyIncome": "22000000"},
        ),
    ],
)
def test_what_is_said_of_a_relative(message: str, expected: dict[str, str]) -> None:
    values, _ = turns("loan", message)
    assert {k: values.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("message", "income"),
    [("lương hai lăm triệu", "25000000"), ("lương bốn lăm triệu một tháng", "45000000")],
)
def test_tens_with_mươi_left_unsaid(message: str, income: str) -> None:
    values, _ = turns("loan", message)
    assert values.get("monthlyIncome") == income


# In a loan request, the one amount no label claims is the amount lent; with none, ask.
@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("Loan for Do Thi Hoa, phone 0912 555 666, 90 million, 24 months.", "90000000"),
        ("khách Lê Văn Hải 300 triệu", None),
    ],
)
def test_the_amount_lent(message: str, amount: str | None) -> None:
    values, _ = turns("loan", message)
    assert values.get("loanAmount") == amount


# On the CRM form the speaker naming themself is the staff member, not the customer.
def test_the_speaker_is_the_agent() -> None:
    values, _ = turns("crm", "em là Đỗ Văn Khoa bên CSKH, khách Phan Thị Yến gọi hỏi về thẻ")
    assert (values.get("agentName"), values.get("customerName")) == ("Đỗ Văn Khoa", "Phan Thị Yến")


# "his email" after the writer's manager is named: the manager's, not the writer's.
@pytest.mark.parametrize(
    ("message", "field"),
    [
        (
            "Pham Van Long is my manager; his email is long.pv@vpbank.com.vn. I need leave.",
            "managerEmail",
        ),
        ("Employee Tran Van Nam, his email is nam.tv@vpbank.com.vn", "email"),
    ],
)
def test_whose_his_email_is(message: str, field: str) -> None:
    values, _ = turns("hr", message)
    assert {k for k in ("email", "managerEmail") if values.get(k)} == {field}


def test_english_transaction_verbs() -> None:
    values, _ = turns("operations", "5 million was withdrawn at the ATM by customer Le Thi Bich")
    assert values.get("transactionType") == "withdrawal"


# Unpunctuated speech: a field's label with a value it accepts ends the free text before it;
# a cue that is itself an option stands when what follows is no value.
def test_a_spoken_text_ends_at_the_next_labelled_value() -> None:
    message = "vi phạm nhỏ chi tiết là hai hồ sơ thiếu chữ ký rủi ro tổng thể thấp"
    values, _ = turns("compliance", message)
    assert values.get("violationDetails") == "hai hồ sơ thiếu chữ ký"
    assert values.get("overallRisk") == "low"


def test_a_cue_that_is_an_option_stands() -> None:
    values, _ = turns("crm", "khách Lê Văn Tùng hài lòng không cần theo dõi nha")
    assert (values.get("satisfactionRating"), values.get("followUpRequired")) == ("4", "no")


# Speech says years and terms digit by digit.
def test_years_and_terms_said_digit_by_digit() -> None:
    message = "khách sinh ngày mười hai tháng ba năm một chín tám lăm vay kỳ hạn ba sáu tháng"
    values, _ = turns("loan", message)
    assert (values.get("dateOfBirth"), values.get("loanTerm")) == ("1985-03-12", "36")


def test_ngan_hang_after_spoken_digits_is_the_bank_not_a_thousand() -> None:
    message = "người nhận lê thị hồng số tài khoản không một hai ba bốn năm sáu bảy tám chín ngân hàng acb"
    values, _ = turns("operations", message)
    assert values.get("beneficiaryAccount") == "0123456789"
    assert "phoneNumber" not in values


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "chiều ni khách lên quầy lúc 3 rưỡi hỏi vay mua nhà",
            {"interactionType": "visit", "interactionTime": "15:30", "issueCategory": "loan"},
        ),
        ("khách nhắn zalo hỏi thẻ bị khóa", {"interactionType": "chat", "issueCategory": "card"}),
        ("khách gọi lúc 10 hỏi số dư", {"interactionType": "call", "interactionTime": "10:00"}),
        (
            "khách hàng Võ Thị Kim Chi gọi đến hỏi lãi suất",
            {"customerName": "Võ Thị Kim Chi", "interactionType": "call"},
        ),
    ],
)
def test_crm_everyday_words(message: str, expected: dict[str, str]) -> None:
    values, _ = turns("crm", message)
    assert {k: values.get(k) for k in expected} == expected
