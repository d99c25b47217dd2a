-- The people who may sign in and what each may see (leadflow.access). Read with everyone's
-- scope: it is configuration, not leads.
-- Grain: user. Params: none.
select lower(email) as email, role, rep
from app_users
order by email
