# flake8: noqa

# import apis into api package
from adultwork_api_client.api.phone_chat_api import PhoneChatApi
from adultwork_api_client.api.webcam_api import WebcamApi

