"""The action plans' data layer, one module per capability:

- plans.py     saving plans, the plan list and page, the home page
- record.py    what the plan page shows of a plan's own record (cached)
- measures.py  measures, data points, run charts (feeds.py: measures fed by other features)
- items.py     action items, who may update them, my items, the all-items view
- item_rows.py the rows of the item tables, as plain values
- reviews.py   plan reviews and tests of change (PDSA)
- common.py    what they share (the input error, dates, choice lists)

This module gathers their public names, so callers can keep `from hh.plans import services`."""
from hh.plans.common import (  # noqa: F401
    MAX_ID,
    PlanError,
    add_months,
    coordinator_choices,
    is_overdue,
    item_owner_choices,
    need_choices,
    organization_options,
    user_choices,
    valid_id,
)
from hh.plans.item_rows import (  # noqa: F401
    ItemRow,
    item_count,
    item_row,
    item_rows,
    my_item_rows,
)
from hh.plans.items import (  # noqa: F401
    ITEM_CSV_HEADER,
    ItemFilters,
    add_item_update,
    can_update_item,
    change_item_status,
    item_csv_rows,
    item_for_page,
    item_updater,
    items_query,
    save_item,
    status_unchanged,
)
from hh.plans.measures import (  # noqa: F401
    MeasureView,
    measure_for_page,
    measure_view,
    north_star_views,
    record_data_point,
    save_measure,
)
from hh.plans.plans import (  # noqa: F401
    PLAN_PAGE_ITEMS,
    PlanPage,
    home_context,
    open_item_counts,
    plan_choices,
    plan_list,
    plan_page,
    recent_updates,
    save_plan,
)
from hh.plans.reviews import (  # noqa: F401
    ReviewFacts,
    last_review,
    plans_due_for_review,
    review_facts,
    save_cycle,
    save_review,
)
