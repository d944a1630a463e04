# flake8: noqa

# import apis into api package
from adultwork_api_client.api.account_api import AccountApi
from adultwork_api_client.api.credit_history_api import CreditHistoryApi
from adultwork_api_client.api.direct_chat_api import DirectChatApi
from adultwork_api_client.api.o_auth_api import OAuthApi
from adultwork_api_client.api.phone_chat_api import PhoneChatApi
from adultwork_api_client.api.webcam_api import WebcamApi

